package org.cytotrial.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermutedBlocksTest {

    private final PermutedBlocks blocks = new PermutedBlocks(20240315L, List.of("CTRL", "IL6R"), 4);

    @Test
    void everyBlockAllocatesEachArmEquallyOften() {
        for (String site : List.of("BERLIN", "MUNICH", "VIENNA")) {
            for (int block = 0; block < 50; block++) {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i < 4; i++) {
                    PermutedBlocks.Allocation a = blocks.allocate(site, block * 4 + i);
                    assertEquals(block + 1, a.blockNumber());
                    counts.merge(a.arm(), 1, Integer::sum);
                }
                assertEquals(Map.of("CTRL", 2, "IL6R", 2), counts, site + " block " + block);
            }
        }
    }

    @Test
    void theSequenceFollowsFromTheSeedAlone() {
        PermutedBlocks again = new PermutedBlocks(20240315L, List.of("CTRL", "IL6R"), 4);
        for (int i = 0; i < 40; i++) {
            assertEquals(blocks.allocate("BERLIN", i), again.allocate("BERLIN", i));
        }
        PermutedBlocks otherSeed = new PermutedBlocks(20240316L, List.of("CTRL", "IL6R"), 4);
        assertNotEquals(sequence(blocks, "BERLIN", 40), sequence(otherSeed, "BERLIN", 40));
    }

    @Test
    void strataHaveTheirOwnSequences() {
        assertNotEquals(sequence(blocks, "BERLIN", 40), sequence(blocks, "MUNICH", 40));
    }

    @Test
    void blocksAreNotAllInTheSameOrder() {
        List<List<String>> orders = new ArrayList<>();
        for (int b = 0; b < 30; b++) {
            orders.add(blocks.block("BERLIN", b));
        }
        assertTrue(orders.stream().distinct().count() > 3, "30 blocks of 2+2 should show several of the 6 orders: " + orders);
    }

    @Test
    void threeArmsWithBlocksOfSix() {
        PermutedBlocks three = new PermutedBlocks(7L, List.of("A", "B", "C"), 6);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            counts.merge(three.allocate("S", i).arm(), 1, Integer::sum);
        }
        assertEquals(Map.of("A", 20, "B", 20, "C", 20), counts);
    }

    @Test
    void aBlockSizeThatCannotBalanceTheArmsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PermutedBlocks(1L, List.of("A", "B"), 3));
        assertThrows(IllegalArgumentException.class, () -> new PermutedBlocks(1L, List.of("A"), 2));
        assertThrows(IllegalArgumentException.class, () -> blocks.allocate("S", -1));
    }

    private static List<String> sequence(PermutedBlocks b, String stratum, int n) {
        List<String> arms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            arms.add(b.allocate(stratum, i).arm());
        }
        return arms;
    }
}
