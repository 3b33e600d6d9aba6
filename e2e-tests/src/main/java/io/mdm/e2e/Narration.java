package io.mdm.e2e;

import java.io.PrintStream;

/** The story in plain words: who does what, what the platform answered, and why that is right. */
final class Narration {

    private final PrintStream out;

    Narration(PrintStream out) {
        this.out = out;
    }

    void scene(int number, String title) {
        out.printf("%n%d. %s%n", number, title);
    }

    void act(String who, String what) {
        out.printf("   %s %s%n", who, what);
    }

    void answer(PlatformClient.Answer answer, String what) {
        result(answer.status(), what);
    }

    void result(int status, String what) {
        out.printf("     -> %d %s%n", status, what);
    }

    void why(String reason) {
        out.printf("        (%s)%n", reason);
    }

    void note(String text) {
        out.printf("   %s%n", text);
    }
}
