package io.mdm.audit.rest;

import java.util.List;

/**
 * A page of {@code GET /access-requests}.
 *
 * @param items      the requests, newest first
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last page
 */
public record AccessRequestList(List<AccessRequestView> items, String nextCursor) {
}
