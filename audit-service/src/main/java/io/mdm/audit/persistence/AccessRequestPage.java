package io.mdm.audit.persistence;

import io.mdm.audit.access.AccessRequest;

import java.util.List;

/**
 * @param items the requests of the page, newest first
 * @param next  the cursor of the following page; {@code null} on the last page
 */
public record AccessRequestPage(List<AccessRequest> items, PageCursor next) {

    public AccessRequestPage {
        items = List.copyOf(items);
    }
}
