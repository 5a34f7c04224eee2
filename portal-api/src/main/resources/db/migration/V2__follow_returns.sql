-- Follow a return after the request: shipment-service's return events carry the correlation id of the portal's
-- return-requested event (EventContext), which is how the portal finds its request again.
ALTER TABLE portal_return_request ADD COLUMN correlation_id VARCHAR(200);
ALTER TABLE portal_return_request ADD COLUMN return_tracking_number VARCHAR(100);
CREATE INDEX portal_return_request_by_flow ON portal_return_request (correlation_id);
