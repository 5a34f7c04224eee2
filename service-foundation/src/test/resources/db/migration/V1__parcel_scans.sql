CREATE TABLE parcel_scan (
    id         BIGSERIAL PRIMARY KEY,
    parcel_id  VARCHAR(100) NOT NULL,
    sequence   INTEGER      NOT NULL
);
CREATE TABLE applied_scan (
    id         BIGSERIAL PRIMARY KEY,
    parcel_id  VARCHAR(100) NOT NULL,
    sequence   INTEGER      NOT NULL,
    event_id   VARCHAR(100) NOT NULL
);
