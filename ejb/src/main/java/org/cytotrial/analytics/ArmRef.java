package org.cytotrial.analytics;

/**
 * An arm as the analyses name it.
 *
 * @param id   database id
 * @param code ARMCD
 * @param name ARM
 */
public record ArmRef(long id, String code, String name) {
}
