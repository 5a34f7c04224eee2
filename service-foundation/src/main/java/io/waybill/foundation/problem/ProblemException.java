package io.waybill.foundation.problem;

import java.util.List;

/**
 * A business failure with its RFC 9457 rendering. Thrown from services and resources; the shared exception mapper
 * turns it into {@code application/problem+json} with the given status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    /** 422: the request is well-formed but a field's value cannot be accepted. */
    public static ProblemException invalidField(String slug, String field, String message) {
        return new ProblemException(422, slug, "The request has an invalid field", message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalid(String slug, String title, List<Problem.FieldError> errors) {
        return new ProblemException(422, slug, title,
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    /** 404, also used where a record exists but belongs to someone else: its existence is not disclosed. */
    public static ProblemException notFound(String what, String detail) {
        return new ProblemException(404, what + "-not-found", "Not found", detail);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict with the current state", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public Problem toProblem() {
        return Problem.of(status, slug, title, getMessage(), errors);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
