package io.waybill.foundation.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error a Waybill API returns is problem+json: business failures, malformed or mistyped JSON, unknown
 * fields, bean-validation failures, framework errors (404, 405, 413, 415) and anything unexpected, which is logged
 * with its stack trace here and answered with a plain 500 that shows none of it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response business(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = path(e);
        return respond(Problem.of(400, "unknown-field", "The request has a field this API does not know",
                "Unknown field '" + field + "'", List.of(new Problem.FieldError(field, "is not a field of this request"))));
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return respond(Problem.of(400, "invalid-json-value", "A field has a value of the wrong type",
                "'" + field + "' must be " + expected, List.of(new Problem.FieldError(field, "must be " + expected))));
    }

    @ServerExceptionMapper
    public Response invalidValue(ValueInstantiationException e) {
        String field = path(e);
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? "is not valid" : cause.getMessage();
        return respond(Problem.of(422, "invalid-field", "The request has an invalid field", message,
                List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message))));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String where = field.isEmpty() ? "body" : field;
        return respond(Problem.of(400, "invalid-json-value", "A field has a value of the wrong type",
                "'" + where + "' must be " + expected, List.of(new Problem.FieldError(where, "must be " + expected))));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return respond(Problem.of(400, "malformed-json", "The request body is not valid JSON",
                e.getOriginalMessage(), List.of(new Problem.FieldError("body", "is not valid JSON"))));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonMappingException e) {
        String field = path(e);
        return respond(Problem.of(400, "invalid-json", "The request body cannot be read",
                e.getOriginalMessage(), List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, e.getOriginalMessage()))));
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return respond(Problem.of(400, "malformed-json", "The request body is not valid JSON",
                e.getOriginalMessage(), List.of(new Problem.FieldError("body", "is not valid JSON"))));
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .toList();
        return respond(Problem.of(422, "validation-failed", "The request has invalid fields",
                errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")), errors));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(Problem.of(401, "unauthorized", "Authentication required",
                "Send a valid bearer token", List.of()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden",
                "Your token does not carry the scope this operation needs", List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // RESTEasy Reactive wraps body-reading failures in a plain 400: answer them as precisely as when unwrapped.
        Response fromBody = bodyProblem(e.getCause());
        if (fromBody != null) {
            return fromBody;
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = status >= 500 ? "The request could not be completed" : e.getMessage();
        return respond(Problem.of(status, slug, title, detail, List.of()));
    }

    /**
     * A chunked body that grows past the limit while it is read: Quarkus has already answered 413 and is closing the
     * connection, so this only keeps an expected refusal out of the error log.
     */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e) {
        if ("Request too large".equals(e.getMessage())) {
            LOG.debug("Refused a chunked body larger than the limit");
            return respond(Problem.of(413, "body-too-large", "The request body is too large",
                    "The body exceeds what this service accepts", List.of(new Problem.FieldError("body", "is too large"))));
        }
        return unexpected(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return respond(Problem.of(500, "internal-error", "Internal error",
                "The request could not be completed; nothing was changed", List.of()));
    }

    private Response bodyProblem(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        if (cause instanceof InvalidFormatException format) {
            return wrongType(format);
        }
        if (cause instanceof ValueInstantiationException invalid) {
            return invalidValue(invalid);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return mismatched(mismatch);
        }
        if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof InputCoercionException) {
            String field = path(mapping).isEmpty() ? "body" : path(mapping);
            return respond(Problem.of(400, "invalid-json-value", "A number is out of range",
                    "'" + field + "' is out of range", List.of(new Problem.FieldError(field, "is out of range"))));
        }
        if (cause instanceof JsonMappingException mapping) {
            return otherJson(mapping);
        }
        if (cause instanceof InputCoercionException outOfRange) {
            String field = currentField(outOfRange);
            return respond(Problem.of(400, "invalid-json-value", "A number is out of range",
                    "'" + field + "' is out of range", List.of(new Problem.FieldError(field, "is out of range"))));
        }
        if (cause instanceof JsonParseException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith("Duplicate field")) {
            String field = parse.getOriginalMessage().replaceAll("Duplicate field '([^']*)'.*", "$1");
            return respond(Problem.of(400, "duplicate-field", "A field appears twice in the request",
                    parse.getOriginalMessage(), List.of(new Problem.FieldError(field, "appears more than once"))));
        }
        if (cause instanceof JsonParseException parse) {
            return malformed(parse);
        }
        if (cause instanceof JsonProcessingException processing) {
            return jsonProcessing(processing);
        }
        return null;
    }

    private static String currentField(InputCoercionException e) {
        try {
            return e.getProcessor() instanceof JsonParser parser && parser.currentName() != null
                    ? parser.currentName() : "body";
        } catch (java.io.IOException unreadable) {
            return "body";
        }
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "submit.arg0.lines[0].quantity" -> "lines[0].quantity": drop the method and parameter segments.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object of the documented shape";
    }
}
