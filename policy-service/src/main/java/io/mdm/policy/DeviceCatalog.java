package io.mdm.policy;

import io.mdm.policy.grpc.client.DirectoryUnavailableException;
import io.mdm.policy.grpc.client.EnrollmentDirectoryClient;
import io.mdm.policy.persistence.DeviceRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The devices this service knows. Events of the enrollment-service keep the read model current;
 * a device no event has told about yet (a phone calling right after it enrolled, before its
 * enrolled event arrived) is asked for at the enrollment-service's directory, and its answer kept.
 */
@ApplicationScoped
public class DeviceCatalog {

    private final DeviceRepository devices;
    private final EnrollmentDirectoryClient directory;

    public DeviceCatalog(DeviceRepository devices, EnrollmentDirectoryClient directory) {
        this.devices = devices;
        this.directory = directory;
    }

    /**
     * The device, or empty when the platform never issued that id.
     *
     * @throws DirectoryUnavailableException when the device is not known here and the directory
     *     cannot be asked
     */
    public Optional<Device> find(String deviceId) {
        if (!Device.isWellFormedId(deviceId)) {
            return Optional.empty();
        }
        Optional<Device> known = devices.find(deviceId);
        if (known.isPresent()) {
            return known;
        }
        return directory.device(deviceId).map(devices::remember);
    }
}
