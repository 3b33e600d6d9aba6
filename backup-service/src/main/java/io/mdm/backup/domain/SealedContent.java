package io.mdm.backup.domain;

import java.util.List;

/**
 * The encrypted payload of a {@link SealedMessage}. Besides the secret fields it repeats the
 * clear ones, so that a clear field changed in storage (a sentAt or conversationId moved into
 * an approved read scope) is detected on opening instead of trusted.
 */
record SealedContent(
        String app,
        String conversationId,
        String sentAt,
        Direction direction,
        String sender,
        List<String> recipients,
        String body,
        List<Attachment> attachments) {
}
