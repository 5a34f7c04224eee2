package io.waybill.foundation;

import io.restassured.http.ContentType;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventJson;

import java.util.UUID;

import static io.restassured.RestAssured.given;

abstract class FoundationTestBase {

    static String newParcel() {
        return "PCL-" + UUID.randomUUID();
    }

    static EventEnvelope scan(String parcelId, int sequence) {
        String body = given().contentType(ContentType.JSON)
                .body("{\"parcelId\":\"" + parcelId + "\",\"sequence\":" + sequence + ",\"failAfterAppend\":false}")
                .when().post("/test/parcel-scans")
                .then().statusCode(201).extract().asString();
        return EventJson.readEnvelope(body);
    }
}
