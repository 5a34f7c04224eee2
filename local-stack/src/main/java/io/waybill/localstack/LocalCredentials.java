package io.waybill.localstack;

/**
 * The local-development credentials of the Waybill realm ({@code local-infrastructure/src/main/resources/keycloak/
 * waybill-realm.json}): every one of them is public and follows one naming rule, so nothing here is a secret.
 */
final class LocalCredentials {

    private LocalCredentials() {
    }

    /** The secret of a confidential client of the realm (a service or a partner). */
    static String clientSecret(String clientId) {
        return "local-dev-only-" + clientId + "-secret";
    }

    /** The password of a demo user of the realm (alice, bob, ops). */
    static String password(String username) {
        return "local-dev-only-" + username;
    }
}
