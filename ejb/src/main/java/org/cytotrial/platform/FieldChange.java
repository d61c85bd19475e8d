package org.cytotrial.platform;

/**
 * One field where what a user submits differs from what is stored: shown when a save collides
 * with someone else's, so that the user sees what changed meanwhile and decides.
 *
 * @param field    the field, named as in the request (e.g. {@code results[HGB]})
 * @param stored   the value now stored, as text; null when there is none
 * @param proposed the value submitted, as text; null when it would remove the stored one
 */
public record FieldChange(String field, String stored, String proposed) {}
