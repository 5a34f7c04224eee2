package io.waybill.order.fulfilment.northwind;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/**
 * Where northwind-3pl's file exchange lives: releases are written to {@code outbound}; confirmations are read from
 * {@code inbound} and then moved to {@code inbound/processed} or {@code inbound/error}.
 */
@ConfigMapping(prefix = "waybill.fulfilment.northwind-3pl")
public interface NorthwindFiles {

    @WithDefault("northwind-3pl")
    String partnerId();

    Path outbound();

    Path inbound();

    /** Schedule of the release export ({@code off} to disable); read by {@link NorthwindReleaseExport}. */
    @WithDefault("1m")
    String exportEvery();

    /** Schedule of the confirmation import ({@code off} to disable); read by {@link NorthwindConfirmationImport}. */
    @WithDefault("1m")
    String importEvery();

    default Path processed() {
        return inbound().resolve("processed");
    }

    default Path error() {
        return inbound().resolve("error");
    }
}
