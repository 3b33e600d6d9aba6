package io.mdm.enrollment;

import java.time.Instant;
import java.util.List;

/**
 * The notices a fresh installation starts with (version 1). They state in plain words what the
 * employer can and can never see, as principle 1 of the product requires.
 */
public final class DefaultPrivacyNotices {

    static final String SYSTEM = "system";

    private static final List<String> NEVER_ON_A_PERSONAL_PHONE = List.of(
            "Your personal apps and the list of apps you installed",
            "Your photos, files and documents outside the work profile",
            "Your personal messages, e-mails and chats",
            "Your call history and text messages",
            "Your browsing history",
            "Your location",
            "Hardware identifiers such as IMEI or serial number");

    private DefaultPrivacyNotices() {
    }

    public static PrivacyNotice first(Ownership ownership, Instant at) {
        return switch (ownership) {
            case BYOD -> new PrivacyNotice(Ownership.BYOD, 1,
                    "This is your own phone. Your employer manages only the separate work profile that this "
                            + "enrollment creates. Business chats of the approved work messenger are backed up, "
                            + "encrypted, so that they can be produced when the law requires it; they can be read "
                            + "only after a compliance officer's request is approved by a different privacy "
                            + "officer, and you can see every such read in your access log. Leaving (unenrolling) "
                            + "removes the work profile only; your personal data is never wiped.",
                    List.of("The apps inside the work profile and their data",
                            "Business chats of the approved work messenger (encrypted backup)",
                            "Whether the phone meets the security policy (compliance state)",
                            "The platform and operating-system version",
                            "The phone model"),
                    NEVER_ON_A_PERSONAL_PHONE, at, SYSTEM);
            case CORPORATE -> new PrivacyNotice(Ownership.CORPORATE, 1,
                    "This phone belongs to the company and is managed as a whole. Business chats of the "
                            + "approved work messenger are backed up, encrypted, and can be read only after a "
                            + "compliance officer's request is approved by a different privacy officer; you can "
                            + "see every such read in your access log. The company may wipe the whole phone.",
                    List.of("The apps on the phone and their data",
                            "Business chats of the approved work messenger (encrypted backup)",
                            "Whether the phone meets the security policy (compliance state)",
                            "The platform and operating-system version",
                            "The phone model"),
                    List.of("Your personal messages in apps other than the approved work messenger",
                            "Your browsing history",
                            "Your location, unless a policy for company phones asks for it and tells you"),
                    at, SYSTEM);
        };
    }
}
