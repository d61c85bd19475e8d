package org.cytotrial.review;

import java.util.List;

/**
 * The review queue of a study as one user sees it.
 *
 * @param study    study code
 * @param criteria response criteria the responses were computed by
 * @param open     disagreements not yet reviewed (whatever the filter)
 * @param reviewed assessments reviewed already (whatever the filter)
 * @param items    the assessments the filter asked for, by subject and date
 * @param problems subjects whose responses could not be computed, with the reason
 */
public record ReviewQueue(String study, String criteria, int open, int reviewed, List<ReviewItem> items,
        List<String> problems) {
    public ReviewQueue {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }
}
