package io.faultline.security;

import io.faultline.cluster.ClusterBus;
import io.faultline.cluster.Topic;
import io.faultline.problem.ResourceNotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The operator accounts in the database. */
@ApplicationScoped
@Transactional
public class Operators {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Event<OperatorChanged> changed;

    @Inject
    ClusterBus cluster;

    public Optional<Operator> find(String username) {
        return Optional.ofNullable(em.find(Operator.class, username));
    }

    public Operator create(String username, char[] password, String role) {
        if (em.find(Operator.class, username) != null) {
            throw new EntityExistsException("operator exists");
        }
        Operator operator = new Operator(username, PasswordHash.hash(password), role);
        em.persist(operator);
        return operator;
    }

    /** Creates the operator, or sets its password and role if it exists. */
    public void upsert(String username, char[] password, String role) {
        Operator operator = em.find(Operator.class, username);
        if (operator == null) {
            em.persist(new Operator(username, PasswordHash.hash(password), role));
        } else if (!PasswordHash.matches(password, operator.passwordHash) || !role.equals(operator.role)) {
            operator.passwordHash = PasswordHash.hash(password);
            operator.role = role;
            changed(username);
        }
    }

    public List<Operator> list() {
        return em.createQuery("SELECT o FROM Operator o ORDER BY o.username", Operator.class).getResultList();
    }

    public boolean anyAdmin() {
        return !em.createQuery("SELECT o.username FROM Operator o WHERE o.role = :role", String.class)
                .setParameter("role", Roles.ADMIN).setMaxResults(1).getResultList().isEmpty();
    }

    public void delete(String username) {
        Operator operator = em.find(Operator.class, username);
        if (operator == null) {
            throw new ResourceNotFound("user", username);
        }
        em.remove(operator);
        changed(username);
    }

    /** Here once the transaction commits, on the other instances as their listeners hear of it. */
    private void changed(String username) {
        changed.fire(new OperatorChanged(username));
        cluster.changed(Topic.operators);
    }
}
