package io.mdm.audit.accesslog;

import java.util.List;

/** A page of the access log; {@code nextCursor} is null on the last page. */
public record AccessLogPage(List<AccessLogEntry> items, String nextCursor) {
}
