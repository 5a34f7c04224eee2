package io.waybill.portal.support;

import io.restassured.path.json.JsonPath;
import io.waybill.testsupport.Tokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import io.quarkus.arc.Arc;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;

/** The portal's endpoints as a customer's developer sees them (the OpenAPI document) and as the code declares them. */
public final class PortalApi {

    public static final String AUDIENCE = "portal-api";

    private PortalApi() {
    }

    public static String customerToken(String customerId) {
        return Tokens.customer(AUDIENCE, customerId);
    }

    /** path -> methods (lower case), from /q/openapi. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> documentedPaths() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        return (Map<String, Map<String, Object>>) (Map<?, ?>) doc.getMap("paths");
    }

    /** "METHOD path" of every JAX-RS resource method of the running application, hidden from OpenAPI or not. */
    public static Set<String> declaredEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        Arc.container().beanManager().getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE)
                .forEach(bean -> {
                    Class<?> type = bean.getBeanClass();
                    Path root = type.getAnnotation(Path.class);
                    if (root == null) {
                        return;
                    }
                    for (Method method : type.getDeclaredMethods()) {
                        String verb = verb(method);
                        if (verb == null) {
                            continue;
                        }
                        Path sub = method.getAnnotation(Path.class);
                        String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value()))
                                .replaceAll("/+", "/");
                        if (path.length() > 1 && path.endsWith("/")) {
                            path = path.substring(0, path.length() - 1);
                        }
                        endpoints.add(verb + " " + path);
                    }
                });
        return endpoints;
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        if (method.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        return null;
    }
}
