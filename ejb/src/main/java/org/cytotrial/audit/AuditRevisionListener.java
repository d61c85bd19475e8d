package org.cytotrial.audit;

import org.hibernate.envers.RevisionListener;

/** Fills a new revision from the thread's {@link AuditContext}. */
public class AuditRevisionListener implements RevisionListener {

    @Override
    public void newRevision(Object revisionEntity) {
        AuditContext context = AuditContext.current();
        ((AuditRevision) revisionEntity).describe(context.username(), context.clientAddress(), context.reason());
    }
}
