package io.waybill.inventory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.waybill.inventory.availability.Availability;
import io.waybill.testsupport.WaybillInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.waybill.inventory.support.Inventory.BERLIN;
import static io.waybill.inventory.support.Inventory.ROTTERDAM;
import static io.waybill.inventory.support.Inventory.newSku;
import static io.waybill.inventory.support.Inventory.onVertx;
import static io.waybill.inventory.support.Inventory.reader;
import static io.waybill.inventory.support.Inventory.receive;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(WaybillInfrastructure.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AvailabilityForChannelsTest {

    @Inject
    Availability availability;

    @Test
    void availabilityIsGivenPerSkuInTotalAndPerWarehouseOverAllLots() {
        String mug = newSku();
        String plate = newSku();
        receive(BERLIN, mug, "L1", 3);
        receive(BERLIN, mug, "L2", 4);
        receive(ROTTERDAM, mug, null, 5);
        receive(ROTTERDAM, plate, null, 2);

        given().auth().oauth2(reader()).queryParam("sku", mug, plate)
                .when().get("/availability")
                .then().statusCode(200)
                .body("sku", equalTo(List.of(mug, plate).stream().sorted().toList()));
        given().auth().oauth2(reader()).queryParam("sku", mug)
                .when().get("/availability")
                .then().statusCode(200)
                .body("[0].available", equalTo(12))
                .body("[0].warehouses.warehouseId", equalTo(List.of(BERLIN, ROTTERDAM)))
                .body("[0].warehouses[0].onHand", equalTo(7));
        given().auth().oauth2(reader()).queryParam("sku", plate).queryParam("warehouse", BERLIN)
                .when().get("/availability")
                .then().statusCode(200)
                .body("[0].available", equalTo(0))
                .body("[0].warehouses", hasSize(0));
    }

    @Test
    void aCheckoutAskingForTwentySkusIsAnsweredInOneRoundTrip() throws Exception {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sku = newSku();
            receive(i % 2 == 0 ? BERLIN : ROTTERDAM, sku, null, 10 + i);
            skus.add(sku);
        }
        int calls = 300;
        String token = reader();
        assertEquals(20, given().auth().oauth2(token).queryParam("sku", skus.toArray())
                .when().get("/availability").then().statusCode(200).extract().jsonPath().getList("$").size());

        // A plain JDK client, as a channel's checkout would call it: RestAssured's own overhead is not the service's.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/availability?" + skus.stream().map(s -> "sku=" + s).collect(Collectors.joining("&"))))
                .header("Authorization", "Bearer " + token).GET().build();
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            micros[i] = (System.nanoTime() - start) / 1_000;
            assertEquals(200, response.statusCode());
        }
        print("GET /availability with 20 SKUs over HTTP, one channel token", micros);

        long[] queryMicros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            assertEquals(20, onVertx(() -> availability.of(skus, List.of())).size());
            queryMicros[i] = (System.nanoTime() - start) / 1_000;
        }
        print("the availability query alone for 20 SKUs", queryMicros);
    }

    private static void print(String what, long[] micros) {
        Arrays.sort(micros);
        int n = micros.length;
        System.out.printf("[figures] %s, %d calls: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                what, n, micros[n / 2] / 1000.0, micros[n * 95 / 100] / 1000.0, micros[n * 99 / 100] / 1000.0);
    }
}
