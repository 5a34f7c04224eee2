-- billing-service: customer charges, invoices and notes, carrier bills and the freight audit.
-- Amounts are exact decimals with their currency; every stored amount is final (rounded to the currency's minor
-- unit when it was computed), and every document total is the sum of its lines.

-- Rate agreements: the customer's commercial terms as one versioned document (base rates by service level, zone and
-- weight band, fuel surcharge, accessorial prices, billing terms), replaced whole by PUT /rate-agreements/{id}.
CREATE TABLE rate_agreement (
    customer_id   VARCHAR(100) PRIMARY KEY,
    terms         TEXT         NOT NULL,
    revision      INTEGER      NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    updated_by    VARCHAR(200) NOT NULL
);

-- What order-service asked to be shipped (service level, destination, parcels): the basis of the customer's rate.
CREATE TABLE order_rating_basis (
    order_id             VARCHAR(100) PRIMARY KEY,
    customer_id          VARCHAR(100)  NOT NULL,
    service_level        VARCHAR(30)   NOT NULL,
    destination_country  VARCHAR(2)    NOT NULL,
    chargeable_weight_kg NUMERIC(12,3) NOT NULL,
    requested_at         TIMESTAMPTZ   NOT NULL
);

-- A shipment as billing sees it: its carrier quote, the customer's charge, its proof of delivery, its invoice.
-- Created by whichever shipment event arrives first (booked and delivered may come in any order).
CREATE TABLE billable_shipment (
    shipment_id            VARCHAR(100) PRIMARY KEY,
    order_id               VARCHAR(100) NOT NULL,
    customer_id            VARCHAR(100) NOT NULL,
    carrier_id             VARCHAR(100),
    tracking_number        VARCHAR(100),
    service_level          VARCHAR(30),
    quoted_amount          NUMERIC(19,4),
    quoted_currency        VARCHAR(3),
    booked_at              TIMESTAMPTZ,
    charge_status          VARCHAR(20)  NOT NULL,
    rating_note            TEXT,
    delivered_at           TIMESTAMPTZ,
    proof_of_delivery_ref  VARCHAR(300),
    cancelled_at           TIMESTAMPTZ,
    invoice_id             UUID,
    version                INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX billable_shipment_order ON billable_shipment (order_id);
CREATE INDEX billable_shipment_tracking ON billable_shipment (tracking_number);
CREATE INDEX billable_shipment_unbilled ON billable_shipment (delivered_at) WHERE invoice_id IS NULL AND cancelled_at IS NULL;

-- The customer's charge for a shipment, line by line (rated at booking; accepted carrier accessorials added later).
CREATE TABLE charge_line (
    id           UUID PRIMARY KEY,
    shipment_id  VARCHAR(100)  NOT NULL REFERENCES billable_shipment (shipment_id),
    line_number  INTEGER       NOT NULL,
    code         VARCHAR(30)   NOT NULL,
    description  VARCHAR(300)  NOT NULL,
    amount       NUMERIC(19,4) NOT NULL,
    currency     VARCHAR(3)    NOT NULL,
    origin       VARCHAR(30)   NOT NULL,
    dispute_id   UUID,
    UNIQUE (shipment_id, line_number)
);

CREATE SEQUENCE invoice_number_seq;
CREATE SEQUENCE credit_note_number_seq;
CREATE SEQUENCE debit_note_number_seq;

-- Posted customer invoices. invoicing_key ('shipment:<id>' or 'order:<id>') is unique: however often and in whatever
-- order a delivery is reported, there is one invoice per key.
CREATE TABLE invoice (
    id                   UUID PRIMARY KEY,
    number               VARCHAR(40)   NOT NULL UNIQUE,
    invoicing_key        VARCHAR(200)  NOT NULL UNIQUE,
    customer_id          VARCHAR(100)  NOT NULL,
    order_id             VARCHAR(100),
    currency             VARCHAR(3)    NOT NULL,
    total_amount         NUMERIC(19,4) NOT NULL,
    issued_at            TIMESTAMPTZ   NOT NULL,
    due_date             DATE          NOT NULL,
    payment_state        VARCHAR(20)   NOT NULL,
    amount_due           NUMERIC(19,4),
    odoo_number          VARCHAR(100),
    payment_observed_at  TIMESTAMPTZ,
    version              INTEGER       NOT NULL DEFAULT 0
);
CREATE INDEX invoice_customer ON invoice (customer_id, issued_at);

CREATE TABLE invoice_line (
    id           UUID PRIMARY KEY,
    invoice_id   UUID          NOT NULL REFERENCES invoice (id),
    line_number  INTEGER       NOT NULL,
    shipment_id  VARCHAR(100)  NOT NULL,
    code         VARCHAR(30)   NOT NULL,
    description  VARCHAR(300)  NOT NULL,
    amount       NUMERIC(19,4) NOT NULL,
    UNIQUE (invoice_id, line_number)
);

-- Credit and debit notes: the only way a posted invoice is adjusted. dispute_id is unique so that one accepted
-- freight dispute is passed on to the customer at most once.
CREATE TABLE adjustment_note (
    id            UUID PRIMARY KEY,
    kind          VARCHAR(10)   NOT NULL,
    number        VARCHAR(40)   NOT NULL UNIQUE,
    invoice_id    UUID          NOT NULL REFERENCES invoice (id),
    customer_id   VARCHAR(100)  NOT NULL,
    reason        TEXT          NOT NULL,
    currency      VARCHAR(3)    NOT NULL,
    total_amount  NUMERIC(19,4) NOT NULL,
    issued_at     TIMESTAMPTZ   NOT NULL,
    dispute_id    UUID UNIQUE
);
CREATE INDEX adjustment_note_invoice ON adjustment_note (invoice_id);

CREATE TABLE adjustment_note_line (
    id                   UUID PRIMARY KEY,
    note_id              UUID          NOT NULL REFERENCES adjustment_note (id),
    line_number          INTEGER       NOT NULL,
    invoice_line_number  INTEGER,
    shipment_id          VARCHAR(100),
    code                 VARCHAR(30)   NOT NULL,
    description          VARCHAR(300)  NOT NULL,
    amount               NUMERIC(19,4) NOT NULL CHECK (amount > 0),
    UNIQUE (note_id, line_number)
);

-- Posted documents are immutable: only an invoice's payment state may change after it is issued. Enforced here as
-- well as in the code, so that no future code path (or hand-written SQL) can edit a posted figure.
CREATE FUNCTION refuse_change_of_posted_document() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'posted billing documents are immutable (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER invoice_line_immutable BEFORE UPDATE OR DELETE ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_posted_document();
CREATE TRIGGER adjustment_note_immutable BEFORE UPDATE OR DELETE ON adjustment_note
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_posted_document();
CREATE TRIGGER adjustment_note_line_immutable BEFORE UPDATE OR DELETE ON adjustment_note_line
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_posted_document();
CREATE TRIGGER invoice_figures_immutable BEFORE UPDATE ON invoice
    FOR EACH ROW WHEN (OLD.number IS DISTINCT FROM NEW.number
        OR OLD.invoicing_key IS DISTINCT FROM NEW.invoicing_key
        OR OLD.customer_id IS DISTINCT FROM NEW.customer_id
        OR OLD.currency IS DISTINCT FROM NEW.currency
        OR OLD.total_amount IS DISTINCT FROM NEW.total_amount
        OR OLD.issued_at IS DISTINCT FROM NEW.issued_at)
    EXECUTE FUNCTION refuse_change_of_posted_document();
CREATE TRIGGER invoice_not_deleted BEFORE DELETE ON invoice
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_posted_document();

-- Carrier bills as received (API or CSV batch); the same carrier invoice number is accepted once per carrier.
CREATE TABLE carrier_bill (
    id                      UUID PRIMARY KEY,
    carrier_id              VARCHAR(100)  NOT NULL,
    carrier_invoice_number  VARCHAR(100)  NOT NULL,
    invoice_date            DATE          NOT NULL,
    currency                VARCHAR(3)    NOT NULL,
    total_amount            NUMERIC(19,4) NOT NULL,
    received_at             TIMESTAMPTZ   NOT NULL,
    received_via            VARCHAR(10)   NOT NULL,
    UNIQUE (carrier_id, carrier_invoice_number)
);

-- audit_status: APPROVED (within tolerance), DISPUTED (in the review queue), ACCEPTED / REJECTED (by an operator).
CREATE TABLE carrier_bill_line (
    id               UUID PRIMARY KEY,
    bill_id          UUID          NOT NULL REFERENCES carrier_bill (id),
    line_number      INTEGER       NOT NULL,
    tracking_number  VARCHAR(100)  NOT NULL,
    shipment_id      VARCHAR(100),
    code             VARCHAR(30)   NOT NULL,
    description      VARCHAR(300)  NOT NULL,
    amount           NUMERIC(19,4) NOT NULL,
    audit_status     VARCHAR(20)   NOT NULL,
    UNIQUE (bill_id, line_number)
);
CREATE INDEX carrier_bill_line_shipment ON carrier_bill_line (shipment_id, code);

-- The review queue: one dispute per carrier bill line the audit did not approve.
CREATE TABLE freight_dispute (
    id               UUID PRIMARY KEY,
    carrier_id       VARCHAR(100)  NOT NULL,
    bill_id          UUID          NOT NULL REFERENCES carrier_bill (id),
    bill_line_id     UUID          NOT NULL UNIQUE REFERENCES carrier_bill_line (id),
    shipment_id      VARCHAR(100),
    tracking_number  VARCHAR(100)  NOT NULL,
    code             VARCHAR(30)   NOT NULL,
    reason           VARCHAR(30)   NOT NULL,
    billed_amount    NUMERIC(19,4) NOT NULL,
    expected_amount  NUMERIC(19,4),
    currency         VARCHAR(3)    NOT NULL,
    detail           TEXT          NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    opened_at        TIMESTAMPTZ   NOT NULL,
    resolved_at      TIMESTAMPTZ,
    resolved_by      VARCHAR(200),
    resolution_note  TEXT,
    version          INTEGER       NOT NULL DEFAULT 0
);
CREATE INDEX freight_dispute_open ON freight_dispute (status, carrier_id, opened_at);
