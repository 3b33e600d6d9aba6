package io.mdm.backup.domain;

/** Whether the employee received ({@code IN}) or sent ({@code OUT}) a chat message. */
public enum Direction {
    IN,
    OUT
}
