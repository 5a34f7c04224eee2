package io.waybill.testsupport;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.waybill.events.EventContractCheck;
import io.waybill.events.EventEnvelope;
import io.waybill.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In every service's tests (test-support is on each one's test classpath, and indexed), the outbox hands each event
 * it is about to store to this check: the CloudEvents envelope must carry what Waybill's consumers rely on and the
 * data must validate against the type's JSON Schema. So an event the code really builds, with whatever values the
 * test drove through it, is held to its contract, not only the catalog's hand-written examples. Compiled schemas
 * are cached: each is parsed once per test JVM.
 */
@ApplicationScoped
public class EventContractsInTests implements EventContractCheck {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    @Override
    public void check(EventType<?> type, EventEnvelope envelope) {
        List<String> problems = new ArrayList<>(envelopeProblems(type, envelope));
        if (envelope.data() == null || envelope.data().isNull()) {
            problems.add("data is missing");
        } else {
            Set<ValidationMessage> errors = schemaOf(type).validate(envelope.data());
            errors.forEach(error -> problems.add(error.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(type.name() + " " + envelope.id() + " breaks its contract: "
                    + new TreeSet<>(problems) + " in " + envelope.data());
        }
    }

    /** The compiled JSON Schema of a type, from the classpath, cached. */
    public static JsonSchema schemaOf(EventType<?> type) {
        return SCHEMAS.computeIfAbsent(type.name(), name -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalArgumentException("No JSON Schema for " + name + " at " + type.schemaResource());
                }
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> envelopeProblems(EventType<?> type, EventEnvelope envelope) {
        List<String> problems = new ArrayList<>();
        if (!EventEnvelope.SPEC_VERSION.equals(envelope.specversion())) {
            problems.add("specversion is " + envelope.specversion());
        }
        if (!type.name().equals(envelope.type())) {
            problems.add("type is " + envelope.type());
        }
        if (!type.dataschema().equals(envelope.dataschema())) {
            problems.add("dataschema is " + envelope.dataschema());
        }
        if (!EventEnvelope.JSON.equals(envelope.datacontenttype())) {
            problems.add("datacontenttype is " + envelope.datacontenttype());
        }
        if (!envelope.source().startsWith("urn:waybill:")) {
            problems.add("source is " + envelope.source());
        }
        if (envelope.time() == null) {
            problems.add("time is missing");
        }
        if (envelope.subject() == null || envelope.subject().isBlank()) {
            problems.add("subject (the aggregate, also the AMQP group id) is missing");
        }
        if (envelope.correlationid() == null || envelope.correlationid().isBlank()) {
            problems.add("correlationid is missing");
        }
        return problems;
    }
}
