package org.cytotrial.subject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Permuted-block randomisation, stratified: every stratum (here a site) has its own allocation
 * sequence made of blocks in which each arm appears equally often, in an order shuffled from the
 * study's seed, the stratum and the block number. The n-th subject of a stratum gets the n-th
 * element of its sequence.
 *
 * <p>Nothing about the sequence is stored: it follows from the seed, so an unblinded statistician
 * can reproduce every allocation, while nobody who lacks the seed can predict the next one. The
 * shuffle is an explicit Fisher–Yates over {@link SplittableRandom} seeded from SHA-256, both
 * fully specified, so the sequence is the same on every JVM and in every release.
 */
public final class PermutedBlocks {

    /** One allocation: the arm drawn and the (1-based) block it belongs to. */
    public record Allocation(String arm, int blockNumber) {}

    private final long seed;
    private final List<String> arms;
    private final int blockSize;

    /**
     * @param seed      the study's randomisation seed
     * @param armCodes  the arms, in a fixed order (the caller sorts them, e.g. by code)
     * @param blockSize subjects per block; a multiple of the number of arms (equal allocation)
     */
    public PermutedBlocks(long seed, List<String> armCodes, int blockSize) {
        this.seed = seed;
        this.arms = List.copyOf(armCodes);
        if (arms.size() < 2) {
            throw new IllegalArgumentException("Randomisation needs at least two arms");
        }
        if (blockSize < arms.size() || blockSize % arms.size() != 0) {
            throw new IllegalArgumentException("The block size " + blockSize + " must be a multiple of the number of arms ("
                    + arms.size() + ") so that each block allocates the arms equally");
        }
        this.blockSize = blockSize;
    }

    /** The allocation of the subject at {@code position} (0-based) in the given stratum. */
    public Allocation allocate(String stratum, int position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
        int block = position / blockSize;
        return new Allocation(block(stratum, block).get(position % blockSize), block + 1);
    }

    /** The arms of one block (0-based) of a stratum, in allocation order. */
    List<String> block(String stratum, int block) {
        List<String> order = new ArrayList<>(blockSize);
        for (int i = 0; i < blockSize; i++) {
            order.add(arms.get(i % arms.size()));
        }
        SplittableRandom random = new SplittableRandom(blockSeed(Objects.requireNonNull(stratum), block));
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = order.get(i);
            order.set(i, order.get(j));
            order.set(j, swap);
        }
        return order;
    }

    private long blockSeed(String stratum, int block) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((seed + "|" + stratum + "|" + block).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
