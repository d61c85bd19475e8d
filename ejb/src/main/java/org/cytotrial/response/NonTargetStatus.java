package org.cytotrial.response;

/** RECIST 1.1 status of the non-target lesions at one assessment. */
public enum NonTargetStatus {
    /** No non-target disease: none at baseline, or all disappeared (and nodes normal). */
    ABSENT,
    /** Persisting non-target disease that is not unequivocally progressing (non-CR/non-PD). */
    PRESENT,
    /** Unequivocal progression of non-target lesions: progression on its own. */
    UNEQUIVOCAL_PROGRESSION,
    /** Not (or not all) assessed at this visit. */
    NOT_EVALUATED
}
