package org.mymnist.backend;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native memory of one training step (or one evaluation chunk): every array created while
 * the workspace is open lives in one block, reused by the next step, instead of waiting for the
 * Java garbage collector. The block is sized by the first step and grows if a later step needs
 * more, to what it needs and no more (ND4J's default adds 30 % to it: a quarter of the seed's
 * whole-set step, kept for nothing). Arrays created inside must not be used after the workspace closes; the weights, created
 * outside, are updated in place and stay.
 *
 * <pre>{@code
 * try (MemoryWorkspace step = StepWorkspace.open(StepWorkspace.TRAINING)) {
 *     model.learnOn(x, y);
 * }
 * }</pre>
 */
public final class StepWorkspace {

    /** The workspace of training steps. */
    public static final String TRAINING = "my-mnist-training-step";
    /** The workspace of predictions made to measure accuracy. */
    public static final String EVALUATION = "my-mnist-evaluation";

    private static final WorkspaceConfiguration CONFIGURATION = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.NONE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE)
            .overallocationLimit(0.0)
            .build();

    private StepWorkspace() {
    }

    /**
     * Opens (activates) the calling thread's workspace of the given name; close it with
     * try-with-resources when the step ends.
     *
     * @param name {@link #TRAINING} or {@link #EVALUATION}
     * @return the open workspace
     */
    public static MemoryWorkspace open(String name) {
        NativeBackend.configure();
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIGURATION, name);
    }

    /**
     * Gives back the native memory of the calling thread's step workspaces: the next step makes them
     * again. A training run ends with it, so that a notebook's kernel does not keep a block the size
     * of a whole-set step (a quarter of a GiB for the seed's 60,000 rows) between two cells. Call it
     * with no step workspace open.
     */
    public static void release() {
        MemoryWorkspaceManager manager = Nd4j.getWorkspaceManager();
        for (String name : new String[] {TRAINING, EVALUATION}) {
            if (manager.checkIfWorkspaceExists(name)) {
                manager.destroyWorkspace(manager.getWorkspaceForCurrentThread(name));
            }
        }
    }

    /**
     * Runs {@code creation} outside any workspace, for arrays that must outlive the step in which
     * they are first needed (an optimizer's velocity, say).
     *
     * @param creation makes the arrays
     * @param <T> what it makes
     * @return what it made
     */
    public static <T> T outside(java.util.function.Supplier<T> creation) {
        try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return creation.get();
        }
    }
}
