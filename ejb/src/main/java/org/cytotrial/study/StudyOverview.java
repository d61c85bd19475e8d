package org.cytotrial.study;

import java.util.List;

/** A study as listed to a user: what it is and how many of its subjects the user can see. */
public record StudyOverview(String code, String title, String responseCriteria, String status, long subjects,
        List<String> arms, List<String> sites) {

    public String armsText() {
        return String.join(", ", arms);
    }

    public String sitesText() {
        return String.join(", ", sites);
    }
}
