package org.cytotrial.lock;

import java.time.LocalDate;

/**
 * What to lock: the level, the site code (level SITE) or subject USUBJID (level SUBJECT), the
 * data cut-off date, and why.
 */
public record LockRequest(String level, String site, String subject, LocalDate cutOff, String reason) {}
