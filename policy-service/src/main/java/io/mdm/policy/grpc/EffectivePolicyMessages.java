package io.mdm.policy.grpc;

import io.mdm.contracts.grpc.enrollment.v1.Ownership;
import io.mdm.contracts.grpc.policy.v1.DataSharingSettings;
import io.mdm.contracts.grpc.policy.v1.MessagingSettings;
import io.mdm.contracts.grpc.policy.v1.OsSettings;
import io.mdm.contracts.grpc.policy.v1.PasscodeSettings;
import io.mdm.contracts.grpc.policy.v1.PolicySource;
import io.mdm.contracts.grpc.policy.v1.TelemetrySettings;
import io.mdm.contracts.grpc.policy.v1.WipeSettings;
import io.mdm.contracts.grpc.policy.v1.WorkAppSettings;
import io.mdm.policy.EffectivePolicy;
import io.mdm.policy.domain.PolicySettings;

import java.util.function.Consumer;

/**
 * An effective policy as the {@code mdm.policy.v1} messages carry it. A section or field without a
 * value is left unset (its {@code has...} is false), so "no requirement" stays distinguishable
 * from false or 0. Repeated fields cannot be unset in proto3: an absent app list and an empty one
 * both arrive as an empty list.
 */
final class EffectivePolicyMessages {

    private EffectivePolicyMessages() {
    }

    static io.mdm.contracts.grpc.policy.v1.EffectivePolicy of(EffectivePolicy effective) {
        io.mdm.contracts.grpc.policy.v1.EffectivePolicy.Builder message =
                io.mdm.contracts.grpc.policy.v1.EffectivePolicy.newBuilder()
                        .setDeviceId(effective.deviceId())
                        .setOwnership(switch (effective.ownership()) {
                            case BYOD -> Ownership.BYOD;
                            case CORPORATE -> Ownership.CORPORATE;
                        })
                        .setSettings(settings(effective.settings()));
        effective.sources().forEach(source -> message.addSources(
                PolicySource.newBuilder().setPolicyId(source.policyId()).setVersion(source.version())));
        return message.build();
    }

    static io.mdm.contracts.grpc.policy.v1.PolicySettings settings(PolicySettings settings) {
        io.mdm.contracts.grpc.policy.v1.PolicySettings.Builder message =
                io.mdm.contracts.grpc.policy.v1.PolicySettings.newBuilder();
        if (settings.passcode() != null) {
            PasscodeSettings.Builder passcode = PasscodeSettings.newBuilder();
            setIfPresent(settings.passcode().required(), passcode::setRequired);
            setIfPresent(settings.passcode().minLength(), passcode::setMinLength);
            message.setPasscode(passcode);
        }
        if (settings.os() != null) {
            OsSettings.Builder os = OsSettings.newBuilder();
            setIfPresent(settings.os().minAndroidVersion(), os::setMinAndroidVersion);
            setIfPresent(settings.os().minIosVersion(), os::setMinIosVersion);
            message.setOs(os);
        }
        if (settings.workApps() != null) {
            WorkAppSettings.Builder apps = WorkAppSettings.newBuilder();
            setIfPresent(settings.workApps().allowed(), apps::addAllAllowed);
            setIfPresent(settings.workApps().blocked(), apps::addAllBlocked);
            setIfPresent(settings.workApps().required(), apps::addAllRequired);
            message.setWorkApps(apps);
        }
        if (settings.messaging() != null) {
            MessagingSettings.Builder messaging = MessagingSettings.newBuilder();
            setIfPresent(settings.messaging().approvedApps(), messaging::addAllApprovedApps);
            setIfPresent(settings.messaging().backupRequired(), messaging::setBackupRequired);
            setIfPresent(settings.messaging().retentionDays(), messaging::setRetentionDays);
            message.setMessaging(messaging);
        }
        if (settings.dataSharing() != null) {
            DataSharingSettings.Builder sharing = DataSharingSettings.newBuilder();
            setIfPresent(settings.dataSharing().workToPersonalCopyPaste(), sharing::setWorkToPersonalCopyPaste);
            message.setDataSharing(sharing);
        }
        if (settings.telemetry() != null) {
            TelemetrySettings.Builder telemetry = TelemetrySettings.newBuilder();
            setIfPresent(settings.telemetry().location(), telemetry::setLocation);
            setIfPresent(settings.telemetry().personalAppInventory(), telemetry::setPersonalAppInventory);
            setIfPresent(settings.telemetry().callLog(), telemetry::setCallLog);
            setIfPresent(settings.telemetry().browsingHistory(), telemetry::setBrowsingHistory);
            message.setTelemetry(telemetry);
        }
        if (settings.wipe() != null) {
            WipeSettings.Builder wipe = WipeSettings.newBuilder();
            setIfPresent(settings.wipe().fullDeviceWipeAllowed(), wipe::setFullDeviceWipeAllowed);
            message.setWipe(wipe);
        }
        return message.build();
    }

    private static <T> void setIfPresent(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
