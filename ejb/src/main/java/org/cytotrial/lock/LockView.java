package org.cytotrial.lock;

import java.time.Instant;
import java.time.LocalDate;

/** A data lock as the API and pages show it. */
public record LockView(long id, String level, String site, String subject, LocalDate cutOff, String reason,
        String lockedBy, Instant lockedAt, boolean active, String unlockedBy, Instant unlockedAt, String unlockReason) {

    static LockView of(DataLock lock) {
        return new LockView(lock.getId(), lock.getLevel().name(), lock.getSite() == null ? null : lock.getSite().getCode(),
                lock.getSubject() == null ? null : lock.getSubject().getUsubjid(), lock.getCutOff(), lock.getReason(),
                lock.getLockedBy(), lock.getLockedAt(), lock.isActive(), lock.getUnlockedBy(), lock.getUnlockedAt(),
                lock.getUnlockReason());
    }
}
