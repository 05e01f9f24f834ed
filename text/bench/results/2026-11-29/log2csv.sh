#!/usr/bin/env bash
# log2csv NAME < LOG : the validation lines of a gated lm train log (an early build that wrote --curve only at the end)
echo "model,clock,step,epoch,seconds,wall_seconds,cpu_seconds,train_loss,val_loss,lr,load_average"
grep '^step ' | awk -v m="$1" '{printf "%s,cpu,%s,%s,%s,,%s,%s,%s,%s,\n", m, $2, $4, $5, $5, $9, $11, $16}'
