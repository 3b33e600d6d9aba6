package io.mdm.backup.read;

import java.util.List;

/** One page of a read; {@code nextCursor} is null on the last page of the scope. */
public record ReadPage(List<ReadMessage> items, String nextCursor, int remainingReads) {
}
