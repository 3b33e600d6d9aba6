package io.mdm.backup.persistence;

import io.mdm.backup.PolicyServiceResource;
import io.mdm.testkit.MdmInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
class MongoWrappedKeyStoreTest {

    @Inject
    MongoWrappedKeyStore store;

    @Test
    void theFirstStoredKeyWinsAndADeletedKeyIsGone() {
        String employee = "T-" + UUID.randomUUID();
        byte[] first = "first wrapped key".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second wrapped key".getBytes(StandardCharsets.UTF_8);
        assertTrue(store.find(employee).isEmpty());

        assertArrayEquals(first, store.insertIfAbsent(employee, first));
        assertArrayEquals(first, store.insertIfAbsent(employee, second), "a later insert gets the stored key");
        assertArrayEquals(first, store.find(employee).orElseThrow());

        store.delete(employee);
        assertTrue(store.find(employee).isEmpty());
        assertArrayEquals(second, store.insertIfAbsent(employee, second), "after deletion a new key may be stored");
    }
}
