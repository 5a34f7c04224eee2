package io.waybill.portal.invoices;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.Money;
import io.waybill.portal.orders.OrderQuery;
import io.waybill.portal.readmodel.PortalInvoice;
import io.waybill.portal.readmodel.PortalOrder;
import io.waybill.portal.wording.CustomerWording;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** A customer's invoices and credit notes, read from the portal's own read model only. */
@ApplicationScoped
public class InvoiceQueries {

    private final CustomerWording wording;

    public InvoiceQueries(CustomerWording wording) {
        this.wording = wording;
    }

    @WithSession
    public Uni<InvoicePage> list(String customerId, int page, int size) {
        if (page < 0 || size < 1 || size > OrderQuery.MAX_PAGE_SIZE) {
            throw ProblemException.invalidField("invalid-invoice-query", page < 0 ? "page" : "size",
                    page < 0 ? "page starts at 0" : "size must be between 1 and " + OrderQuery.MAX_PAGE_SIZE);
        }
        var found = PortalInvoice.<PortalInvoice>find("customerId = :customer",
                Sort.descending("issuedAt").and("number"), Parameters.with("customer", customerId));
        return found.count().chain(total -> found.page(Page.of(page, size)).list()
                .chain(documents -> views(customerId, documents).map(views -> new InvoicePage(views, page, size, total,
                        (int) ((total + size - 1) / size),
                        documents.stream().map(d -> d.asOf).filter(Objects::nonNull)
                                .max(Comparator.naturalOrder()).orElse(null)))));
    }

    @WithSession
    public Uni<InvoiceView> one(String customerId, String number) {
        return PortalInvoice.<PortalInvoice>find("customerId = ?1 and number = ?2", customerId, number).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("invoice",
                        "You have no invoice or credit note with number " + number))
                .chain(document -> views(customerId, List.of(document)).map(views -> views.get(0)));
    }

    /** Resolves the internal order and invoice ids the documents point to into the numbers customers know. */
    private Uni<List<InvoiceView>> views(String customerId, List<PortalInvoice> documents) {
        Set<String> orderIds = new HashSet<>();
        Set<String> correctedIds = new HashSet<>();
        documents.forEach(d -> {
            if (d.orderId != null) {
                orderIds.add(d.orderId);
            }
            if (d.correctsId != null) {
                correctedIds.add(d.correctsId);
            }
        });
        Uni<Map<String, String>> orderNumbers = orderIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : PortalOrder.<PortalOrder>list("customerId = ?1 and orderId in ?2", customerId, orderIds)
                .map(orders -> orders.stream().collect(Collectors.toMap(o -> o.orderId, o -> o.orderNumber)));
        return orderNumbers.chain(orders -> (correctedIds.isEmpty() ? Uni.createFrom().item(Map.<String, String>of())
                        : PortalInvoice.<PortalInvoice>list("customerId = ?1 and documentId in ?2", customerId, correctedIds)
                        .map(list -> list.stream().collect(Collectors.toMap(i -> i.documentId, i -> i.number))))
                .map(corrected -> {
                    List<InvoiceView> views = new ArrayList<>();
                    for (PortalInvoice d : documents) {
                        views.add(new InvoiceView(d.number, d.kind, d.orderId == null ? null : orders.get(d.orderId),
                                d.correctsId == null ? null : corrected.get(d.correctsId),
                                d.issuedAt, d.dueDate, Money.of(d.totalAmount, d.currency).rounded(),
                                d.amountDue == null ? null : Money.of(d.amountDue, d.currency).rounded(),
                                wording.paymentState(d.paymentState), d.asOf));
                    }
                    return views;
                }));
    }
}
