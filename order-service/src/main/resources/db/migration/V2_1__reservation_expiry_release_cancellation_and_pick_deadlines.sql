-- The saga remembers when its stock hold lapses (a retry re-reserves a lapsed one), when the partner acknowledged
-- the release (its ship deadline runs from there), why a cancellation waits for the partner, and a flag for
-- operators when a partner overran a deadline after hand-over (the order stays where it is: goods may still move).
ALTER TABLE order_saga ADD COLUMN reservation_expires_at TIMESTAMPTZ;
ALTER TABLE order_saga ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE order_saga ADD COLUMN cancel_reason TEXT;
ALTER TABLE order_saga ADD COLUMN attention TEXT;

-- A partner link claims a release (status SENDING) before calling out, so a cancellation arriving meanwhile knows
-- the partner may have it. claimed_at lets a claim abandoned by a crash be taken up again.
ALTER TABLE warehouse_release ADD COLUMN claimed_at TIMESTAMPTZ;

-- Cancellations owed to a partner that may hold a release: sent by the partner link, confirmed or refused by the
-- partner. One per order and partner (id: order/partner); kept apart from warehouse_release, which a re-release replaces.
CREATE TABLE warehouse_cancellation (
    id              VARCHAR(170) PRIMARY KEY,
    order_id        VARCHAR(64)  NOT NULL REFERENCES customer_order (order_id),
    partner_id      VARCHAR(100) NOT NULL,
    warehouse_id    VARCHAR(100) NOT NULL,
    link            VARCHAR(10)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    reason          TEXT         NOT NULL,
    requested_at    TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ,
    answered_at     TIMESTAMPTZ,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_error      TEXT,
    version         INTEGER      NOT NULL DEFAULT 0,
    UNIQUE (order_id, partner_id)
);
CREATE INDEX warehouse_cancellation_open ON warehouse_cancellation (link, status);
