package io.faultline.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Reads events back in a transaction of their own, as another request would. */
@ApplicationScoped
public class StoredEvents {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean exists(long id) {
        return em.find(ErrorEvent.class, id) != null;
    }
}
