package io.mdm.audit.rest;

import io.mdm.audit.access.Caller;
import io.mdm.platform.security.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;

/** The one place where the platform's verified caller becomes the four-eyes domain's {@link Caller}. */
@ApplicationScoped
public class CurrentAccessCaller {

    private final CurrentCaller current;

    public CurrentAccessCaller(CurrentCaller current) {
        this.current = current;
    }

    public Caller get() {
        io.mdm.platform.security.Caller caller = current.get();
        return new Caller(caller.username(), caller.employeeId().orElse(null), caller.roles());
    }
}
