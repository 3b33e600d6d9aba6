package io.mdm.backup.domain;

/**
 * What the phone tells us about a file attached to a chat message. The file itself is not
 * backed up here; its hash lets a later copy be proven to be the same file.
 */
public record Attachment(String fileName, String mimeType, long sizeBytes, String sha256) {
}
