package org.cytotrial.security;

/** The roles of DOMAIN.md. Names are stored as strings and used as Jakarta Security groups. */
public enum Role {
    /** Sets up studies, arms, sites, visit schedules and users; sees everything; no clinical edits. */
    ADMIN,
    /** Enrols subjects and enters visits at own sites. */
    COORDINATOR,
    /** Reviews and signs responses at own sites (every site of a study they are principal investigator of). */
    INVESTIGATOR,
    /** Reads pseudonymised summaries and downloads reports, all sites. */
    SPONSOR,
    /** Verifies entries against source at assigned sites; read-only. */
    MONITOR
}
