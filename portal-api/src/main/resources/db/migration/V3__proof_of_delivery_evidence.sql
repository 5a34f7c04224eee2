-- Carriers' proof-of-delivery references name the carrier and its storage ("swiftpost:pod/.../photo.jpg"): they
-- stay inside; customers are told which evidence exists.
ALTER TABLE portal_shipment ADD COLUMN pod_photo_ref VARCHAR(500);
ALTER TABLE portal_shipment ADD COLUMN pod_signature_ref VARCHAR(500);
