package org.cytotrial.response;

/** Placeholder until the analysis branch lands; replaced by its richer version at merge. */
public enum ResponseCategory {
    CR,
    PR,
    MR,
    SD,
    PD,
    NE
}
