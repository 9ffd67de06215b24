package io.faultline.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Deliveries made and read back for the lease tests, each in a transaction of its own. */
@ApplicationScoped
public class LeaseFixtures {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    /** Pending deliveries to a receiver that is never called, due at {@code due}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> deliveries(int count, Instant due) {
        Webhook webhook = new Webhook("http://127.0.0.1:9/never", "whsec_" + "A".repeat(43) + "=", List.of("new_group"));
        em.persist(webhook);
        em.flush();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Delivery delivery = new Delivery(webhook.id, 0L, "msg_lease_" + UUID.randomUUID().toString().replace("-", ""),
                    "new_group", "{}", null);
            delivery.nextAttemptAt = due;
            em.persist(delivery);
            em.flush();
            ids.add(delivery.id);
        }
        return ids;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Delivery read(long id) {
        Delivery delivery = em.find(Delivery.class, id);
        em.detach(delivery);
        return delivery;
    }

    /** Locks the deliveries' rows, as another instance's claim in progress would, until {@code release} opens. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void holdLocks(Collection<Long> ids, CountDownLatch locked, CountDownLatch release) throws InterruptedException {
        ids.forEach(id -> em.find(Delivery.class, id, LockModeType.PESSIMISTIC_WRITE));
        locked.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the locks");
        }
    }

    /** Gives back what the test's owners claimed beyond their own deliveries: other tests' pending ones. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void releaseOthers(Collection<String> owners, Collection<Long> own) {
        em.createQuery("SELECT d FROM Delivery d WHERE d.leaseOwner IN :owners", Delivery.class)
                .setParameter("owners", owners).getResultList().stream()
                .filter(d -> !own.contains(d.id)).forEach(Delivery::release);
    }
}
