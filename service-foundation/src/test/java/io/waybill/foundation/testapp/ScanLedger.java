package io.waybill.foundation.testapp;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Reads what the test app recorded, straight from PostgreSQL. */
@ApplicationScoped
public class ScanLedger {

    private final Pool pool;

    public ScanLedger(Pool pool) {
        this.pool = pool;
    }

    /** Sequences applied by the consumer for a parcel, in the order they were applied. */
    public List<Integer> appliedSequences(String parcelId) {
        List<Integer> sequences = new ArrayList<>();
        pool.preparedQuery("SELECT sequence FROM applied_scan WHERE parcel_id = $1 ORDER BY id")
                .execute(Tuple.of(parcelId)).await().indefinitely()
                .forEach(row -> sequences.add(row.getInteger("sequence")));
        return sequences;
    }

    public long count(String sql, String parcelId) {
        Row row = pool.preparedQuery(sql).execute(Tuple.of(parcelId)).await().indefinitely().iterator().next();
        return row.getLong(0);
    }

    public long scansRecorded(String parcelId) {
        return count("SELECT count(*) FROM parcel_scan WHERE parcel_id = $1", parcelId);
    }

    public long outboxMessages(String parcelId) {
        return count("SELECT count(*) FROM outbox_message WHERE subject = $1", parcelId);
    }

    public long unpublished(String parcelId) {
        return count("SELECT count(*) FROM outbox_message WHERE subject = $1 AND published_at IS NULL", parcelId);
    }
}
