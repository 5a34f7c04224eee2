-- Every label purchase, noted before the carrier is asked, so a label the carrier issued is never forgotten: a purchase
-- whose answer was lost (timeout, 5xx, dropped connection) is looked up before anything else is bought, and one the
-- booking or return went on without is voided once it turns up. Bookings and returns share it.
CREATE TABLE label_purchase (
    id                    UUID         PRIMARY KEY,
    -- The booking request or return the label is for.
    owner_id              VARCHAR(64)  NOT NULL,
    carrier_id            VARCHAR(50)  NOT NULL,
    idempotency_key       VARCHAR(200) NOT NULL UNIQUE,
    -- The quote being bought (JSON of RateQuote): a resumed purchase buys this very quote again, never a fresh one.
    quote                 TEXT         NOT NULL,
    status                VARCHAR(20)  NOT NULL,
    tracking_number       VARCHAR(100),
    carrier_shipment_ref  VARCHAR(200),
    noted_at              TIMESTAMPTZ  NOT NULL,
    -- Until when a label may still turn up for a purchase nobody saw end (the carrier may finish it late).
    settle_until          TIMESTAMPTZ  NOT NULL,
    resolved_at           TIMESTAMPTZ,
    note                  TEXT
);
CREATE INDEX label_purchase_owner ON label_purchase (owner_id);
CREATE INDEX label_purchase_unsettled ON label_purchase (status) WHERE status IN ('ABANDONED', 'VOID_PENDING');

-- The ledger replaces the single pending quote, which a fallback to the next carrier overwrote.
ALTER TABLE booking_request DROP COLUMN pending_quote;

-- Returns are claimed like booking requests, so two workers (or replicas) never work the same return.
ALTER TABLE return_authorization ADD COLUMN claimed_at TIMESTAMPTZ;
ALTER TABLE return_authorization ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX return_authorization_open ON return_authorization (status, requested_at);

-- A void the carrier accepted but has not settled yet (EasyPost refunds: submitted, later refunded or rejected).
ALTER TABLE shipment ADD COLUMN void_submitted_at TIMESTAMPTZ;
ALTER TABLE shipment ADD COLUMN void_checked_at TIMESTAMPTZ;
