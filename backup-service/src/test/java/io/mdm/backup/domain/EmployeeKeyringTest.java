package io.mdm.backup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmployeeKeyringTest {

    private static final String ERIN = "E1001";

    private final CountingKeyEncryptionKey kek = new CountingKeyEncryptionKey(
            LocalKeyEncryptionKey.fromMasterKeyset(LocalKeyEncryptionKey.newMasterKeyset()));
    private final InMemoryWrappedKeyStore store = new InMemoryWrappedKeyStore();
    private final EmployeeKeyring keyring = new EmployeeKeyring(kek, store, EmployeeKeyring.DEFAULT_CAPACITY);

    @Test
    void storedKeyIsUnwrappedOnceAndTheSameInstanceServedAfterwards() {
        store.insertIfAbsent(ERIN, EmployeeDataKey.generate().wrappedWith(kek, ERIN));

        EmployeeDataKey first = keyring.keyForReading(ERIN).orElseThrow();
        EmployeeDataKey second = keyring.keyForReading(ERIN).orElseThrow();
        EmployeeDataKey forWriting = keyring.keyForWriting(ERIN);

        assertSame(first, second);
        assertSame(first, forWriting);
        assertEquals(1, kek.unwraps());
    }

    @Test
    void firstWriteCreatesAndStoresAKeyWithoutUnwrapping() {
        EmployeeDataKey created = keyring.keyForWriting(ERIN);

        assertTrue(store.find(ERIN).isPresent());
        assertSame(created, keyring.keyForReading(ERIN).orElseThrow());
        assertEquals(0, kek.unwraps());
    }

    @Test
    void keyCreatedMeanwhileByAnotherReplicaWins() {
        EmployeeDataKey otherReplicasKey = EmployeeDataKey.generate();
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealedByOtherReplica = new MessageSealer(otherReplicasKey).seal(ERIN, message);
        store.duringNextFind(() -> store.insertIfAbsent(ERIN, otherReplicasKey.wrappedWith(kek, ERIN)));

        EmployeeDataKey key = keyring.keyForWriting(ERIN);

        assertEquals(message, new MessageSealer(key).open(ERIN, message.messageId(), sealedByOtherReplica));
    }

    @Test
    void employeeWithoutAKeyHasNothingToRead() {
        assertTrue(keyring.keyForReading(ERIN).isEmpty());
        assertTrue(store.find(ERIN).isEmpty());
    }

    @Test
    void leastRecentlyUsedKeyIsEvictedBeyondCapacity() {
        EmployeeKeyring small = new EmployeeKeyring(kek, store, 2);
        for (String employee : new String[] {"E1", "E2", "E3"}) {
            store.insertIfAbsent(employee, EmployeeDataKey.generate().wrappedWith(kek, employee));
        }

        small.keyForReading("E1");
        small.keyForReading("E2");
        small.keyForReading("E1");
        small.keyForReading("E3");
        assertEquals(3, kek.unwraps());

        small.keyForReading("E1");
        assertEquals(3, kek.unwraps(), "E1 was used recently and stays");
        small.keyForReading("E2");
        assertEquals(4, kek.unwraps(), "E2 was the least recently used and was evicted");
    }

    @Test
    void forgettingAloneIsNotShreddingTheStoredKeyStillOpens() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = new MessageSealer(keyring.keyForWriting(ERIN)).seal(ERIN, message);

        keyring.forget(ERIN);

        EmployeeDataKey reloaded = keyring.keyForReading(ERIN).orElseThrow();
        assertEquals(1, kek.unwraps());
        assertEquals(message, new MessageSealer(reloaded).open(ERIN, message.messageId(), sealed));
    }

    @Test
    void afterShreddingTheSealedMessagesCanNoLongerBeOpened() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = new MessageSealer(keyring.keyForWriting(ERIN)).seal(ERIN, message);

        assertEquals(ShreddingDecision.SHRED, keyring.shred(ERIN, false));

        assertTrue(store.find(ERIN).isEmpty(), "wrapped key discarded");
        assertTrue(keyring.keyForReading(ERIN).isEmpty(), "no key left in memory either");
        EmployeeDataKey nextKey = keyring.keyForWriting(ERIN);
        assertThrows(UnreadableMessageException.class,
                () -> new MessageSealer(nextKey).open(ERIN, message.messageId(), sealed));
    }

    @Test
    void shreddingUnderActiveLegalHoldIsRefusedAndTheBackupStaysReadable() {
        ChatMessage message = ChatMessages.valid();
        SealedMessage sealed = new MessageSealer(keyring.keyForWriting(ERIN)).seal(ERIN, message);

        assertEquals(ShreddingDecision.REFUSED_UNDER_HOLD, keyring.shred(ERIN, true));

        assertTrue(store.find(ERIN).isPresent());
        EmployeeDataKey key = keyring.keyForReading(ERIN).orElseThrow();
        assertEquals(message, new MessageSealer(key).open(ERIN, message.messageId(), sealed));
    }

    @Test
    void shreddingDuringALoadDoesNotPutTheDestroyedKeyBackInMemory() {
        store.insertIfAbsent(ERIN, EmployeeDataKey.generate().wrappedWith(kek, ERIN));
        // The load has read the wrapped key when another request shreds the employee.
        store.duringNextFind(() -> keyring.shred(ERIN, false));

        assertTrue(keyring.keyForReading(ERIN).isEmpty());
        assertTrue(keyring.keyForReading(ERIN).isEmpty());
    }

    @Test
    void shreddingIsDecidedByTheHoldAlone() {
        assertEquals(ShreddingDecision.REFUSED_UNDER_HOLD, ShreddingDecision.decide(true));
        assertEquals(ShreddingDecision.SHRED, ShreddingDecision.decide(false));
    }
}
