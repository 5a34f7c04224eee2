package io.waybill.foundation.security;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often one client may call the annotated partner endpoints (a token bucket per client, configured by
 * {@code waybill.rate-limit.requests-per-second} and {@code waybill.rate-limit.burst}). Beyond it the caller gets
 * 429 with {@code Retry-After}, so one misbehaving integration cannot starve the others.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {
}
