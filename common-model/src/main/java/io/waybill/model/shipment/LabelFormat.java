package io.waybill.model.shipment;

/** How a carrier hands over a shipping label: a printable document or a thermal-printer program. */
public enum LabelFormat {

    PDF("application/pdf"),
    ZPL("application/x-zpl"),
    PNG("image/png");

    private final String mediaType;

    LabelFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
