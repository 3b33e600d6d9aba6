package io.mdm.policy.rest;

import java.util.List;

/** One page of the policy list; {@code nextCursor} is null on the last page. */
public record PolicyPage(List<PolicyView> items, String nextCursor) {

    public PolicyPage {
        items = List.copyOf(items);
    }
}
