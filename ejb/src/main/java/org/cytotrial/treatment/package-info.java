/** Study treatment exposure (SDTM EX). */
package org.cytotrial.treatment;
