package io.faultline.tracking;

import io.faultline.cluster.ClusterBus;
import io.faultline.cluster.Topic;
import io.faultline.problem.ResourceNotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;

/** The projects in the database. */
@ApplicationScoped
@Transactional
public class Projects {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Event<ProjectDeleted> deleted;

    @Inject
    ClusterBus cluster;

    /** A new project and the key that is shown this once. */
    public record Created(Project project, IngestKey key) {
    }

    public Created create(String slug, String name) {
        IngestKey key = IngestKey.generate();
        Project project = new Project(slug, name, key);
        em.persist(project);
        em.flush();
        return new Created(project, key);
    }

    public Project get(String slug) {
        return find(slug).orElseThrow(() -> new ResourceNotFound("project", slug));
    }

    public Optional<Project> find(String slug) {
        return em.createQuery("SELECT p FROM Project p WHERE p.slug = :slug", Project.class)
                .setParameter("slug", slug).getResultStream().findFirst();
    }

    public Optional<Project> findByKey(String presentedKey) {
        return em.createQuery("SELECT p FROM Project p WHERE p.keyHash = :hash", Project.class)
                .setParameter("hash", IngestKey.hashOf(presentedKey)).getResultStream().findFirst();
    }

    /**
     * The ids of the projects with these slugs (unknown slugs are left out), also for callers
     * such as the live feed that run on threads without a transaction.
     */
    public Map<String, Long> idsOf(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT p FROM Project p WHERE p.slug IN :slugs", Project.class)
                .setParameter("slugs", slugs).getResultStream()
                .collect(Collectors.toMap(Project::slug, Project::id));
    }

    /** Every project's slug by its id. */
    public Map<Long, String> slugsById() {
        return list().stream().collect(Collectors.toMap(Project::id, Project::slug));
    }

    public List<Project> list() {
        return em.createQuery("SELECT p FROM Project p ORDER BY p.slug", Project.class).getResultList();
    }

    /** Deletes the project with its events, groups and notifications; its key stops working as the deletion commits. */
    public void delete(String slug) {
        Project project = get(slug);
        for (String entity : new String[] {"ErrorEvent", "ErrorGroup", "Notification"}) {
            em.createQuery("DELETE FROM " + entity + " x WHERE x.projectId = :project")
                    .setParameter("project", project.id()).executeUpdate();
        }
        deleted.fire(new ProjectDeleted(project.id()));
        cluster.changed(Topic.projects);
        em.remove(project);
    }
}
