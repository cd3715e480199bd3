/** Learning-rate schedules and the optimizers' learning-rate control. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createOptimizer } from '../../src/trainer/train/optimizer';
import { learningRateAt } from '../../src/trainer/train/schedule';
import { useTrainerBackend } from './helpers';

before(async () => {
  await useTrainerBackend();
});

void test('constant, cosine and step schedules', () => {
  const base = { learning_rate: 0.1, epochs: 9 };
  assert.equal(learningRateAt({ ...base, schedule: 'constant' }, 5), 0.1);
  assert.equal(learningRateAt({ ...base, schedule: 'cosine' }, 0), 0.1);
  assert.ok(Math.abs(learningRateAt({ ...base, schedule: 'cosine' }, 4.5) - 0.05) < 1e-12, 'half way: half the rate');
  assert.ok(learningRateAt({ ...base, schedule: 'cosine' }, 8) < 0.01);
  assert.deepEqual(
    [0, 2, 3, 5, 6, 8].map((e) => learningRateAt({ ...base, schedule: 'step' }, e)),
    [0.1, 0.1, 0.05, 0.05, 0.025, 0.025],
  );
});

void test('the scheduled rate reaches adam and sgd with momentum', () => {
  const adam = createOptimizer({ optimizer: 'adam', learning_rate: 0.01, momentum: 0.9 });
  adam.setLearningRate(0.003);
  assert.equal((adam.optimizer as unknown as { learningRate: number }).learningRate, 0.003);
  assert.equal(adam.optimizer.getClassName(), 'Adam');
  const sgd = createOptimizer({ optimizer: 'sgd', learning_rate: 0.01, momentum: 0.9 });
  assert.equal(sgd.optimizer.getClassName(), 'Momentum');
  sgd.setLearningRate(0.002);
  assert.equal((sgd.optimizer as unknown as { learningRate: number }).learningRate, 0.002);
  assert.equal(createOptimizer({ optimizer: 'sgd', learning_rate: 0.01, momentum: 0 }).optimizer.getClassName(), 'SGD');
});
