CREATE TABLE partner (
    partner_id              VARCHAR(64)  PRIMARY KEY,
    display_name            VARCHAR(200) NOT NULL,
    role                    VARCHAR(30)  NOT NULL,
    keycloak_client_uuid    VARCHAR(64)  NOT NULL UNIQUE,
    status                  VARCHAR(20)  NOT NULL,
    registered_at           TIMESTAMPTZ  NOT NULL,
    registered_by           VARCHAR(200) NOT NULL,
    credentials_rotated_at  TIMESTAMPTZ,
    revoked_at              TIMESTAMPTZ
);
