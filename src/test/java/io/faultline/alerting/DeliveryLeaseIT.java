package io.faultline.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Deployments;
import io.faultline.it.support.Selected;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Due deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, on the database
 * the server runs on (H2 and PostgreSQL): a claim skips the rows another claim holds, as
 * another instance's would, and takes the rest without waiting; a lease keeps every other
 * claimer out until it ends; only the lease's owner settles. The deliveries are due ten years from now, so that the server's own dispatcher
 * (which claims at the present time) leaves them alone.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
class DeliveryLeaseIT {

    private static final String A = "lease-test-a";
    private static final String B = "lease-test-b";

    @Deployment
    static WebArchive deployment() {
        return Deployments.inContainer().addClass(LeaseFixtures.class);
    }

    @Inject
    Deliveries deliveries;
    @Inject
    LeaseFixtures fixtures;
    @Inject
    WebhookConfig config;

    private final List<Long> own = new ArrayList<>();
    private final Instant due = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @AfterEach
    void giveBackOthers() {
        fixtures.releaseOthers(List.of(A, B), own);
    }

    @Test
    void aClaimSkipsRowsAnotherClaimHoldsAndTakesTheRest() throws Exception {
        own.addAll(fixtures.deliveries(4, due));
        Instant at = due.plusSeconds(1);
        List<Long> held = own.subList(0, 2);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> {
                fixtures.holdLocks(held, locked, release);
                return null;
            });
            assertTrue(locked.await(10, TimeUnit.SECONDS), "the rows were never locked");
            List<Long> byB;
            try {
                byB = ids(threads.submit(() -> deliveries.claim(B, 1_000, at)).get(10, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                throw new AssertionError("the claim waited for rows another transaction holds instead of skipping them", e);
            } finally {
                release.countDown();
            }
            holder.get(10, TimeUnit.SECONDS);
            assertTrue(byB.containsAll(own.subList(2, 4)), "the free deliveries were not claimed: " + byB);
            assertTrue(held.stream().noneMatch(byB::contains), "a locked delivery was claimed: " + byB);
        } finally {
            threads.shutdownNow();
        }

        // Once the other transaction ends, its rows are free, and B's are leased to B.
        List<Long> byA = ids(deliveries.claim(A, 1_000, at));
        assertTrue(byA.containsAll(held), "the rows freed were not claimed: " + byA);
        assertTrue(own.subList(2, 4).stream().noneMatch(byA::contains), "a delivery leased to another was claimed: " + byA);
        for (long id : own) {
            assertEquals(held.contains(id) ? A : B, fixtures.read(id).leaseOwner, "delivery " + id);
        }
    }

    @Test
    void aLeaseKeepsOthersOutUntilItEndsAndOnlyItsOwnerSettles() {
        long id = fixtures.deliveries(1, due).get(0);
        own.add(id);
        long lease = config.settings().leaseSeconds();
        Instant claimedAt = due.plusSeconds(1);
        SendAttempt first = only(id, deliveries.claim(A, 100, claimedAt));
        assertEquals(A, first.leaseOwner);

        assertTrue(ids(deliveries.claim(B, 100, claimedAt.plusSeconds(lease - 1))).stream().noneMatch(c -> c == id),
                "claimed again before the lease ended");
        SendAttempt second = only(id, deliveries.claim(B, 100, claimedAt.plusSeconds(lease + 1)));
        assertEquals(B, second.leaseOwner);

        deliveries.settle(first, Outcome.delivered(200), Instant.now());
        Delivery afterStale = fixtures.read(id);
        assertEquals("pending", afterStale.status, "settled by an instance whose lease had ended");
        assertEquals(0, afterStale.attempts);
        assertEquals(B, afterStale.leaseOwner);

        deliveries.settle(second, Outcome.delivered(200), Instant.now());
        Delivery settled = fixtures.read(id);
        assertEquals("delivered", settled.status);
        assertEquals(1, settled.attempts);
        assertNull(settled.leaseOwner, "the lease ends with the attempt");
    }

    private static SendAttempt only(long id, List<SendAttempt> claimed) {
        return claimed.stream().filter(a -> a.deliveryId == id).findFirst()
                .orElseThrow(() -> new AssertionError("delivery " + id + " was not claimed: " + ids(claimed)));
    }

    private static List<Long> ids(List<SendAttempt> claimed) {
        return claimed.stream().map(a -> a.deliveryId).toList();
    }
}
